/** The start of every extension page (popup, panel, options): styles, language, direction, title, then the app. */
import { render, type ComponentChild } from 'preact';
import browser from '../shared/browser.js';
import { t } from '../shared/i18n.js';
import baseCss from './base.css';

/** `styles`: the page's own sheets, after the shared base. */
export function startPage(titleKey: string, styles: readonly string[], app: ComponentChild): void {
  // The MV3 CSP forbids inline scripts, not styles: the bundled CSS goes into one <style>.
  const style = document.createElement('style');
  style.textContent = [baseCss, ...styles].join('\n');
  document.head.append(style);
  document.documentElement.lang = browser.i18n.getUILanguage();
  document.documentElement.dir = t('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr';
  document.title = t(titleKey);
  render(app, document.getElementById('app') ?? document.body);
}
