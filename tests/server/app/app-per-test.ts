import { afterEach, beforeEach } from 'vitest';
import { makeTempDir } from '../storage/temp-dir';
import { connect, startApp, synced, type Client, type Joined, type Running } from './fixtures';

/**
 * A fresh demo app for every test of the calling file, in a temp DATA_DIR of its own, and the clients a test opens;
 * everything is closed and removed after each test. Call it at the top level of a test file.
 */
export function appPerTest(label: string): { readonly running: Running; open(room: string, who: Joined): Promise<Client> } {
  let running: Running | undefined;
  let clients: Client[] = [];
  let removeDir = () => undefined as void;
  beforeEach(async () => {
    const tmp = makeTempDir(label);
    removeDir = tmp.remove;
    running = await startApp(tmp.dir);
    clients = [];
  });
  afterEach(async () => {
    for (const c of clients) c.destroy();
    await running?.app.close();
    running = undefined;
    removeDir();
  });
  return {
    get running(): Running {
      if (!running) throw new Error('the app runs only inside a test');
      return running;
    },
    async open(room, who) {
      if (!running) throw new Error('the app runs only inside a test');
      const client = connect(running.wsUrl, room, who.token);
      clients.push(client);
      await synced(client);
      return client;
    },
  };
}
