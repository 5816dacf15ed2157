// Loaded by popup.html before popup.js: start cleaning the tab at once (see platform/early.ts).
import { startEarlyClean } from '../platform/early';

globalThis.__decantEarly = startEarlyClean(location.search);
performance.mark('decant:clean-requested');
