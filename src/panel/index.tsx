/**
 * Panel entry: Chrome's side panel and Firefox's sidebar (the same page), following the active tab
 * of its window; panel.html?window=ID follows that window's, panel.html?tab=ID shows one tab.
 */
import { startPage } from '../ui/start-page.js';
import tabViewCss from '../ui/tab-view.css';
import { TabPage } from '../ui/TabPage.js';
import { targetFromQuery } from '../ui/tab-model.js';
import css from './panel.css';

startPage('panelTitle', [tabViewCss, css], <TabPage target={targetFromQuery(location.search)} variant="panel" />);
