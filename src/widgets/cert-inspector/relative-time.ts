// The engine's relativeTime (src/pki/relative-time.ts), for this widget's modules.
export { relativeTime } from '../../pki/relative-time.ts';
