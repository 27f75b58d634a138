import { z } from 'zod';
import type { ImageOffering } from '../../images/offerings';

/** Wire shape of NetEase 查看集群镜像列表. */
export const imageConstraint = z.object({
  min_combo: z.number(),
  max_combo: z.number(),
  min_machine_spec: z.number(),
  max_machine_spec: z.number(),
});

export const neteaseImage = z.object({
  tag: z.string(),
  desc: z.string(),
  weight: z.number(),
  id: z.number(),
  name: z.string(),
  constraint: imageConstraint.nullable(),
});

export const imagesResponse = z.object({ custom_images: z.array(neteaseImage), public_images: z.array(neteaseImage) });

export type NeteaseImage = z.infer<typeof neteaseImage>;

/**
 * `name` is what one pulls: public images of the `library` workspace by their
 * bare name (`centos`), every other as `workspace/repository`.
 */
export function neteaseImageOf(o: ImageOffering): NeteaseImage {
  return {
    tag: o.tag,
    desc: o.description,
    weight: o.weight,
    id: o.tagId,
    name: o.workspace === 'library' ? o.repository : `${o.workspace}/${o.repository}`,
    constraint: o.constraint,
  };
}
