// TypeDoc plugin: names each entry module after the import path a user writes (`@wootkit/hooks/react`) instead
// of its folder in this repository (`hooks/src/react`).
import { Converter, ReflectionKind } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.getReflectionsByKind(ReflectionKind.Module)) {
      const match = /^(core|hooks|server)\/src(?:\/(\w+))?$/.exec(module.name);
      if (!match) continue;
      const [, pkg, entry] = match;
      module.name = entry && entry !== 'index' ? `@wootkit/${pkg}/${entry}` : `@wootkit/${pkg}`;
    }
  });
}
