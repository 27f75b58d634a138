import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Invalid, PayloadTooLarge, UnsupportedMediaType } from '../errors';
import { jsonBody, parseWith, queryObject, zodFields } from './body';

const schema = z.strictObject({
  name: z.string().min(2, 'too short'),
  nested: z.strictObject({ n: z.number().max(3, 'too big') }).optional(),
});

function fieldsOf(value: unknown) {
  const r = schema.safeParse(value);
  if (r.success) throw new Error('expected a failure');
  return zodFields(r.error);
}

describe('zodFields', () => {
  it('names each failing field by its dotted path', () => {
    expect(fieldsOf({ name: 'x', nested: { n: 9 } })).toEqual({ name: 'too short', 'nested.n': 'too big' });
  });

  it('names each unknown key, at any depth, as "unknown field"', () => {
    expect(fieldsOf({ name: 'ok', extra: 1, other: 2, nested: { n: 1, deep: true } })).toEqual({
      extra: 'unknown field', other: 'unknown field', 'nested.deep': 'unknown field',
    });
  });

  it('calls a whole-value failure "body", and keeps the first message per field', () => {
    expect(Object.keys(fieldsOf('a string'))).toEqual(['body']);
    const twice = z.string().min(5, 'first').regex(/^a/, 'second');
    const r = z.object({ s: twice }).safeParse({ s: 'b' });
    expect(zodFields(r.error!)).toEqual({ s: 'first' });
  });

  it('a record key refused by its own rule is named with the words of that rule', () => {
    const key = z.string().refine((k) => !k.startsWith('pier.io/'), 'the pier.io/ prefix is reserved');
    const r = z.object({ labels: z.record(key, z.string()) }).safeParse({ labels: { 'pier.io/mine': 'x', ok: 'y' } });
    expect(zodFields(r.error!)).toEqual({ 'labels.pier.io/mine': 'the pier.io/ prefix is reserved' });
  });
});

describe('parseWith', () => {
  it('returns the parsed value or throws Invalid with the fields', () => {
    expect(parseWith(schema, { name: 'ok' })).toEqual({ name: 'ok' });
    try {
      parseWith(schema, { name: 'x' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(Invalid);
      expect((e as Invalid).fields).toEqual({ name: 'too short' });
      expect((e as Invalid).message).toBe('name: too short');
    }
  });
});

const req = (body: BodyInit, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  new Request('http://pier.test/x', { method: 'POST', body, headers });

describe('jsonBody', () => {
  it('accepts application/json with parameters', async () => {
    expect(await jsonBody(req('{"name":"ok"}', { 'content-type': 'Application/JSON; charset=utf-8' }), schema)).toEqual({ name: 'ok' });
  });

  it('refuses other content types with 415', async () => {
    await expect(jsonBody(req('{"name":"ok"}', { 'content-type': 'text/plain' }), schema)).rejects.toBeInstanceOf(UnsupportedMediaType);
    await expect(jsonBody(req('{"name":"ok"}', {}), schema)).rejects.toMatchObject({ status: 415 });
  });

  it('refuses malformed JSON with Invalid({body})', async () => {
    await expect(jsonBody(req('{"name":'), schema)).rejects.toMatchObject({ status: 400, fields: { body: 'malformed JSON' } });
  });

  it('refuses bodies over the limit, by declared length and by bytes read', async () => {
    await expect(jsonBody(req('{"name":"okay"}', { 'content-type': 'application/json', 'content-length': '100' }), schema, 10)).rejects.toBeInstanceOf(PayloadTooLarge);
    await expect(jsonBody(req(JSON.stringify({ name: 'x'.repeat(100) })), schema, 50)).rejects.toMatchObject({ status: 413 });
    expect(await jsonBody(req('{"name":"okay"}'), schema, 15)).toEqual({ name: 'okay' });
  });
});

describe('queryObject', () => {
  it('takes the first value of each parameter', () => {
    expect(queryObject(new Request('http://pier.test/x?a=1&b=2&a=3'))).toEqual({ a: '1', b: '2' });
  });
});
