/** electron-builder's beforePack context, the parts the guard reads. */
export interface BeforePackContext {
  readonly electronPlatformName: string;
  readonly arch: number;
  readonly packager: { readonly projectDir: string };
}

export default function beforePack(context: BeforePackContext): Promise<void>;
