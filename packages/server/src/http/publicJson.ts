import { isAbsolute, relative, sep } from 'node:path';

/**
 * `modelPath` as it may leave the machine: relative to the data directory (`models/<id>`), never
 * the server's absolute path. A path outside the data directory keeps only its last part.
 *
 * @example publicModelPath('/home/me/.trainyard', '/home/me/.trainyard/models/m1') // 'models/m1'
 */
export function publicModelPath(home: string, path: string): string {
  if (!isAbsolute(path)) return path;
  const inside = relative(home, path);
  const shown =
    inside === '' || inside.startsWith('..') || isAbsolute(inside) ? (path.split(sep).pop() ?? '') : inside;
  return shown.split(sep).join('/');
}

/**
 * The studio's JSON serializer (every reply body and every streamed event goes through it): plain
 * JSON.stringify, with each `modelPath` made relative to `home`.
 *
 * @example app.setReplySerializer(publicJson(studio.home));
 */
export function publicJson(home: string): (payload: unknown) => string {
  const replacer = (key: string, value: unknown) =>
    key === 'modelPath' && typeof value === 'string' ? publicModelPath(home, value) : value;
  return (payload) => JSON.stringify(payload, replacer);
}
