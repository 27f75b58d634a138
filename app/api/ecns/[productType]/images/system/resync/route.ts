import { checkProductType } from '@/lib/dialects/ecns/product-type';
import { ecns } from '@/lib/dialects/ecns/errors';
import { IMAGE_PRODUCT_TYPES } from '@/lib/dialects/ecns/images';
import { json, route } from '@/lib/http/route';
import { resyncCatalog } from '@/lib/images/resync';

type P = { productType: string };

/** Pier's addition: make the catalog match the registry (system administrators); answers what changed. */
export const POST = route<P>(ecns, async ({ ctx, params }) => {
  checkProductType(params.productType, IMAGE_PRODUCT_TYPES);
  const r = await resyncCatalog(ctx);
  return json({
    resync: {
      workspaces_added: r.workspacesAdded,
      repositories_added: r.repositoriesAdded,
      repositories_removed: r.repositoriesRemoved,
      tags_added: r.tagsAdded,
      tags_updated: r.tagsUpdated,
      tags_removed: r.tagsRemoved,
      skipped: r.skipped,
    },
  });
});
