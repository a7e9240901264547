/**
 * The one import of the WebExtension API for shared code: Firefox's promise-based `browser`
 * namespace, provided on Chrome by webextension-polyfill.
 */
import browser from 'webextension-polyfill';

export default browser;
