import { t } from '../shared/i18n.js';

export type CardWalkNavProps = {
  /** 1-based place of the card's mention among the article's mentions. */
  position: number;
  total: number;
  onPrevious: () => void;
  onNext: () => void;
};

/**
 * Previous/next name, in a card opened from the keyboard: the reading-order walk through every
 * mention that Tab stops on wrapper elements used to give, without a tab stop in the page.
 */
export function CardWalkNav({ position, total, onPrevious, onNext }: CardWalkNavProps) {
  return (
    <nav class="walk" aria-label={t('cardWalkPosition', [String(position), String(total)])}>
      <button type="button" class="walk-previous" onClick={onPrevious}>
        <span aria-hidden="true">‹</span> {t('cardWalkPrevious')}
      </button>
      <span class="walk-position" aria-hidden="true">
        {t('cardWalkPosition', [String(position), String(total)])}
      </span>
      <button type="button" class="walk-next" onClick={onNext}>
        {t('cardWalkNext')} <span aria-hidden="true">›</span>
      </button>
    </nav>
  );
}
