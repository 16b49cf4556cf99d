/** @type {import('next').NextConfig} */
const config = {
  reactStrictMode: true,
  // The example lives in the wootkit monorepo: its workspace packages are linked from the repository root.
  turbopack: { root: new URL('../..', import.meta.url).pathname },
  // `next dev` would otherwise write AGENTS.md (and more) into the example on every start.
  agentRules: false,
  experimental: { agentUpgrade: false, agentFeedback: false },
};

export default config;
