import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '../shared/i18n.js';

export interface CollapsibleTextProps {
  /** Plain text (rendered as text, never HTML). */
  text: string;
  /** Class of the paragraph; its CSS sets the clamp (`-webkit-line-clamp`). */
  className: string;
}

/**
 * A paragraph clamped to a few lines with a More/Less button, so a long article summary does not
 * push the people and events out of the popup's 600px. The button only appears when the text is
 * actually cut.
 */
export function CollapsibleText({ text, className }: CollapsibleTextProps) {
  const ref = useRef<HTMLParagraphElement>(null);
  const [expanded, setExpanded] = useState(false);
  const [clamped, setClamped] = useState(false);

  useLayoutEffect(() => {
    const el = ref.current;
    if (el && !expanded) setClamped(el.scrollHeight > el.clientHeight + 1);
  }, [text, expanded]);

  return (
    <div>
      <p ref={ref} id="article-summary" class={`${className}${expanded ? '' : ' clamped'}`} data-testid="summary">
        {text}
      </p>
      {(clamped || expanded) && (
        <button type="button" class="link" aria-expanded={expanded} aria-controls="article-summary" onClick={() => setExpanded(!expanded)}>
          {t(expanded ? 'popupShowLess' : 'popupShowMore')}
        </button>
      )}
    </div>
  );
}
