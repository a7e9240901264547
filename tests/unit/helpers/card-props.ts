/**
 * The props a test gives the Card: an LTR card for an article of 15 Dec 2020, compact fitting on,
 * no-op handlers. Card itself is imported by each test after its i18n mock, so only props live here.
 */
import type { Entity } from '../../../src/shared/types.js';

const noop = (): void => undefined;

export function cardProps(entity: Entity) {
  return {
    entity,
    articleDate: '2020-12-15',
    fuzzy: false,
    showSinceThen: true,
    fitCompact: true,
    id: 'card',
    dir: 'ltr' as const,
    onClose: noop,
    onPointerEnter: noop,
    walk: null,
    onPointerLeave: noop,
    buildReport: (includeAddress: boolean) => Promise.resolve(`report for ${entity.id}${includeAddress ? ' with address' : ''}`),
  };
}
