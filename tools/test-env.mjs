// The tests' environment from the command line (definitions in tools/lib/test-environment.ts):
//   node tools/test-env.mjs check               exits 1 with what to do when Node, a browser or the real pages are missing (npm test runs it first)
//   node tools/test-env.mjs browser <name>      prints the executable the tests launch (chromium | firefox)
//   node tools/test-env.mjs apt-package <name>  prints its Debian package
//   node tools/test-env.mjs realpages-dir       prints the folder the real-page suites read
//   node tools/test-env.mjs fetch-realpages     fetches the real pages into that folder (npm run realpages)
import { ROOT, importTs } from './lib/import-ts.mjs';

const env = await importTs('tools/lib/test-environment.ts');
const [command, name] = process.argv.slice(2);

switch (command) {
  case 'check': {
    const problems = env.testEnvironmentProblems(ROOT);
    if (problems.length > 0) {
      console.error(`The tests cannot run here:\n\n${problems.join('\n\n')}`);
      process.exit(1);
    }
    break;
  }
  case 'browser':
    console.log(env.browserExecutable(name));
    break;
  case 'apt-package':
    console.log(env.BROWSER_EXECUTABLES[name].aptPackage);
    break;
  case 'realpages-dir':
    console.log(env.realPagesDir(ROOT));
    break;
  case 'fetch-realpages': {
    const dir = env.realPagesDir(ROOT);
    console.log(`fetching ${env.REALPAGES_SOURCE.repository} ${env.REALPAGES_SOURCE.folder} into ${dir} …`);
    try {
      console.log(`${env.fetchRealPages(dir)} pages in ${dir}`);
    } catch (error) {
      console.error(`could not fetch the real pages (${error.message.split('\n')[0]})\n\n${env.realPagesInstruction(dir)}`);
      process.exit(1);
    }
    break;
  }
  default:
    console.error('usage: node tools/test-env.mjs check | browser <chromium|firefox> | apt-package <name> | realpages-dir | fetch-realpages');
    process.exit(2);
}
