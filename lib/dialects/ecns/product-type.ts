import { NotFound } from '../../errors';

export const PRODUCT_TYPES = ['eks', 'hybrid', 'security', 'image', 'eos', 'ehos'] as const;

/** Each ECNS endpoint serves only the product types its `product_type_list` names; others are 404. */
export function checkProductType(productType: string, allowed: readonly string[]): void {
  if (!allowed.includes(productType)) {
    throw new NotFound('product type', `product type "${productType}" has no such endpoint (allowed: ${allowed.join(', ')})`);
  }
}
