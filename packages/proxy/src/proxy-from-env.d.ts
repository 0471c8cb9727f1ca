// proxy-from-env ships no typings: the one function the proxy uses.
declare module 'proxy-from-env' {
  /** The proxy URL for `url` from the *_PROXY / NO_PROXY variables, or '' for a direct connection. */
  export function getProxyForUrl(url: string): string;
}
