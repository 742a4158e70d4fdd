/**
 * Run the test services by hand: `npm run services -- <command> [service...]`.
 *   up <service...|all>     install what is missing, start what is not running, print connection details
 *   down <service...|all>   stop services this environment started
 *   install <service...|all>
 *   status                  what is installed and running, with ports
 *   logs <service>          the last lines of a service's log
 */
import { contextOf, ensureInstalled, services, statusOf, stopService, useService, type ServiceName } from './index.js';
import { isServiceName } from './registry.js';
import { cacheRoot, runRoot } from './paths.js';
import { tail } from './proc.js';

const all = Object.keys(services) as ServiceName[];

function pick(args: string[]): ServiceName[] {
  if (args.length === 0 || args.includes('all')) return all;
  const unknown = args.filter((a) => !isServiceName(a));
  if (unknown.length) throw new Error(`unknown service(s) ${unknown.join(', ')}; known: ${all.join(', ')}`);
  return args as ServiceName[];
}

async function main([command, ...args]: string[]): Promise<void> {
  const out = (s: string) => process.stdout.write(`${s}\n`);
  switch (command) {
    case 'up':
      for (const name of pick(args)) out(`${name}: ${JSON.stringify(await useService(name))}`);
      return;
    case 'down': {
      const names = pick(args).reverse();
      for (const name of names) if (!(await stopService(name))) out(`${name}: not started by the test environment`);
      return;
    }
    case 'install':
      for (const name of pick(args)) await ensureInstalled(name);
      return;
    case 'status':
      out(`cache: ${cacheRoot()}\nrun:   ${runRoot()}`);
      for (const name of all) {
        const s = await statusOf(name);
        out(
          `${name.padEnd(12)} ${s.installed ? 'installed' : 'missing  '} ${s.running ? `running${s.pid ? ` (pid ${s.pid})` : ''}` : 'stopped'}  ports ${s.ports.join(', ')}  ${s.title}`,
        );
      }
      return;
    case 'logs': {
      const [name] = pick(args);
      if (name) out(tail(contextOf(name).logFile, 80));
      return;
    }
    default:
      out('usage: npm run services -- up|down|install|status|logs [service...|all]');
      out(`services: ${all.join(', ')}`);
      process.exitCode = command ? 2 : 0;
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
