/** Options entry. */
import { startPage } from '../ui/start-page.js';
import css from './options.css';
import { Options } from './Options.js';

startPage('optionsTitle', [css], <Options />);
