/** Popup entry: styles, document language and direction, then the Preact app. */
import { render } from 'preact';
import browser from '../shared/browser.js';
import { t } from '../shared/i18n.js';
import css from './popup.css';
import { Popup } from './Popup.js';
import { tabIdFromQuery } from './popup-model.js';

function start(): void {
  // The MV3 CSP forbids inline scripts, not styles: the bundled CSS goes into one <style>.
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
  document.documentElement.lang = browser.i18n.getUILanguage();
  document.documentElement.dir = t('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr';
  document.title = t('popupTitle');
  const root = document.getElementById('app') ?? document.body;
  render(<Popup requestedTabId={tabIdFromQuery(location.search)} />, root);
}

start();
