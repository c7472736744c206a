/** Types of `host-runtimes.mjs`, for the tests that import it. */
export declare const HOST_RUNTIME_TOOLS: Readonly<
  Record<'node22' | 'wrangler' | 'netlify' | 'deno', { pkg: string; version: string }>
>;
export declare function hostRuntimesDir(): string;
export declare function installedVersion(name: keyof typeof HOST_RUNTIME_TOOLS, dir?: string): string | undefined;
export declare function missingTools(dir?: string): string[];
export declare function hostRuntimePaths(dir?: string): {
  node: string;
  nodeBin: string;
  denoBin: string;
  wrangler: string;
  netlify: string;
};
export declare function installHostRuntimes(dir?: string, log?: (line: string) => void): void;
