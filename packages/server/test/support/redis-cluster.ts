import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { freePort, startRedisServer, type RedisServer } from './redis-server';

const run = promisify(execFile);

/** A three-master Redis Cluster on loopback ports, started by a test and stopped by it. */
export interface RedisCluster {
  nodes: Array<{ host: '127.0.0.1'; port: number }>;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 15_000;

export async function startRedisCluster(size = 3): Promise<RedisCluster> {
  const servers: RedisServer[] = [];
  const stop = async () => {
    await Promise.all(servers.map((server) => server.stop()));
  };
  try {
    for (let i = 0; i < size; i++) {
      // The cluster bus defaults to port + 10000, which may not exist for a high free port: pick it explicitly.
      const busPort = await freePort();
      servers.push(
        await startRedisServer(['--cluster-enabled', 'yes', '--cluster-port', String(busPort), '--cluster-node-timeout', '2000']),
      );
    }
    const addresses = servers.map((server) => `127.0.0.1:${server.port}`);
    await run('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes'], {
      timeout: READY_TIMEOUT_MS,
    });
    // Every node must agree that all 16384 slots are served before clients can rely on redirections.
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (const server of servers) {
      for (;;) {
        const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(server.port), 'cluster', 'info']);
        if (stdout.includes('cluster_state:ok')) break;
        if (Date.now() > deadline) throw new Error(`Redis Cluster node ${server.port} not ok in ${READY_TIMEOUT_MS} ms`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    return { nodes: servers.map((server) => ({ host: '127.0.0.1', port: server.port })), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
