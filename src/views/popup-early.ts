// popup.html's first script (classic, before its stylesheet and popup.js): start cleaning the tab at
// once (see platform/early.ts).
import { startEarlyClean } from '../platform/early';

globalThis.__decantEarly = startEarlyClean(location.search);
performance.mark('decant:clean-requested');
