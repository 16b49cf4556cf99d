/** @type {import('next').NextConfig} */
const config = {
  reactStrictMode: true,
  // The example lives in the wootkit monorepo: its workspace packages are linked from the repository root.
  turbopack: { root: new URL('../..', import.meta.url).pathname },
};

export default config;
