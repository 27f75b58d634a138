import { DEFINITIONS, KUBERNETES_VERSION, type Schema } from './schemas';

/**
 * `/openapi/v2` for kubectl before 1.27, which validates create/apply against
 * it and asks only for protobuf (`application/com.github.proto-openapi.spec.v2@v1.0+protobuf`):
 * a Swagger 2.0 document with every definition, encoded as gnostic's
 * `openapi.v2.Document`. kubectl reads definitions only (by their
 * x-kubernetes-group-version-kind), so paths are left empty. Vendor
 * extensions travel as YAML text (`Any.yaml`), which JSON is.
 */
export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';

/** A protobuf writer for the few wire types gnostic's messages use: varints and length-delimited fields. */
class Writer {
  private chunks: number[] = [];

  private varint(n: number): void {
    let v = n;
    while (v > 0x7f) {
      this.chunks.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    this.chunks.push(v);
  }

  private bytes(field: number, data: Uint8Array | number[]): void {
    this.varint((field << 3) | 2);
    this.varint(data.length);
    for (const b of data) this.chunks.push(b);
  }

  string(field: number, s: string | undefined): this {
    if (s) this.bytes(field, Buffer.from(s, 'utf8'));
    return this;
  }

  strings(field: number, list: readonly string[] | undefined): this {
    for (const s of list ?? []) this.bytes(field, Buffer.from(s, 'utf8'));
    return this;
  }

  message(field: number, m: Writer | undefined): this {
    if (m) this.bytes(field, m.chunks);
    return this;
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}

const EXTENSIONS = ['x-kubernetes-group-version-kind', 'x-kubernetes-patch-merge-key', 'x-kubernetes-patch-strategy'] as const;

/** openapi.v2.NamedSchema: name = 1, value = 2. */
function namedSchema(name: string, s: Schema): Writer {
  return new Writer().string(1, name).message(2, schema(s));
}

/** openapi.v2.Schema: _ref 1, format 2, description 4, required 19, additional_properties 21, type 22, items 23, properties 25, vendor_extension 31. */
function schema(s: Schema): Writer {
  const w = new Writer().string(1, s.$ref).string(2, s.format).string(4, s.description).strings(19, s.required);
  if (s.additionalProperties) w.message(21, new Writer().message(1, schema(s.additionalProperties)));
  if (s.type) w.message(22, new Writer().strings(1, [s.type]));
  if (s.items) w.message(23, new Writer().message(1, schema(s.items)));
  if (s.properties) {
    const props = new Writer();
    for (const [name, p] of Object.entries(s.properties)) props.message(1, namedSchema(name, p));
    w.message(25, props);
  }
  for (const ext of EXTENSIONS) {
    const v = s[ext];
    // NamedAny { name 1, value: Any { yaml 2 } }
    if (v !== undefined) w.message(31, new Writer().string(1, ext).message(2, new Writer().string(2, JSON.stringify(v))));
  }
  return w;
}

let cached: Uint8Array | undefined;

/** The whole document, encoded once per process (the definitions never change at run time). */
export function openapiV2Protobuf(): Uint8Array {
  if (cached) return cached;
  const definitions = new Writer();
  for (const [name, s] of Object.entries(DEFINITIONS)) definitions.message(1, namedSchema(name, s));
  const info = new Writer().string(1, 'Kubernetes').string(2, KUBERNETES_VERSION);
  // Document: swagger 1, info 2, paths 8 (empty), definitions 9.
  cached = new Writer().string(1, '2.0').message(2, info).message(8, new Writer()).message(9, definitions).finish();
  return cached;
}

/** The same document as JSON, for clients that ask for it. */
export function openapiV2Json(): string {
  return JSON.stringify({ swagger: '2.0', info: { title: 'Kubernetes', version: KUBERNETES_VERSION }, paths: {}, definitions: DEFINITIONS });
}
