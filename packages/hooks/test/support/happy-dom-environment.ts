/**
 * happy-dom, with modules transformed as on the server. Why: the stand-in (`@wootkit/testing`) reads its assets
 * with `new URL('./assets/…', import.meta.url)`, which Vite's browser transform rewrites into an asset import that
 * cannot load. The page itself is still happy-dom's window.
 */
import { builtinEnvironments, type Environment } from 'vitest/runtime';

const environment: Environment = {
  ...builtinEnvironments['happy-dom'],
  name: 'happy-dom-node-modules',
  viteEnvironment: 'ssr',
};

export default environment;
