import { storeMedia } from "../../media/store-media.ts";

/** Where learners fetch a stored file (the media module's route). */
export function mediaUrl(key: string): string {
  return `/api/media/${key}`;
}

/** Stores media bytes content-addressed and returns the key questions refer to it by. */
export interface MediaStore {
  put(bytes: Uint8Array): Promise<string>;
}

/**
 * The media module's store: the type is sniffed from the bytes (whatever the source claimed),
 * unsafe SVGs and other types are refused, and the key is `<sha256>.<ext>`, so the same file
 * from any source is stored once.
 */
export function r2MediaStore(bucket: R2Bucket): MediaStore {
  return {
    async put(bytes) {
      return (await storeMedia(bucket, bytes)).key;
    },
  };
}
