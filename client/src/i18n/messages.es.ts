/// <reference types="vite/client" />
import core from './es.json';
import { withFeatures, type Messages } from './merge';

/** Every string in this language: its own chunk, so a visit downloads only the language it is read in. */
export default withFeatures(core, import.meta.glob<Messages>('./features/*.es.json', { eager: true, import: 'default' }));
