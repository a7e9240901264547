/** Popup entry: the toolbar popup (the active tab), or popup.html?tab=ID as a page. */
import { startPage } from '../ui/start-page.js';
import tabViewCss from '../ui/tab-view.css';
import { TabPage } from '../ui/TabPage.js';
import { targetFromQuery } from '../ui/tab-model.js';
import css from './popup.css';

startPage('popupTitle', [tabViewCss, css], <TabPage target={targetFromQuery(location.search)} variant="popup" />);
