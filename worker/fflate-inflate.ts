/**
 * The one fflate function the Worker's fallback inflater needs, as a module of its own: ./inflate.ts
 * imports it dynamically, so that fflate's module (whose evaluation builds its tables) runs only
 * where there is no native 'deflate-raw', and a bundler keeps just this function of fflate.
 */
export { inflateSync } from 'fflate';
