import { it } from 'vitest';
it('dbg', async () => {
  console.log('start');
  const m = await import('./framework-apps.js');
  console.log('imported');
  const s = await m.startFrameworkServer();
  console.log('server');
  const b = await m.launchBare('chromium');
  console.log('bare');
  await b.close();
  await s.close();
}, 100_000);
