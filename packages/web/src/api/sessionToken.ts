/** Key under which the studio keeps the API token for this browser tab. */
export const TOKEN_STORAGE_KEY = 'trainyard.token';

/**
 * Reads the API token: a `?token=` URL parameter wins once and is moved into sessionStorage (and out of
 * the address bar, so it is not bookmarked or shared by accident); later loads read sessionStorage.
 *
 * @example readSessionToken(window.location, window.sessionStorage, (u) => history.replaceState(null, '', u))
 */
export function readSessionToken(
  location: Pick<Location, 'href'>,
  storage: Pick<Storage, 'getItem' | 'setItem'>,
  replaceUrl: (url: string) => void = () => {},
): string | undefined {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    url.searchParams.delete('token');
    replaceUrl(url.toString());
    return fromUrl;
  }
  return storage.getItem(TOKEN_STORAGE_KEY) ?? undefined;
}
