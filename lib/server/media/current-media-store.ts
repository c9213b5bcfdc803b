import 'server-only';
import type { MediaStore } from './media-store';
import { postgresMediaStore } from './postgres-media-store';
import { s3MediaStore, s3SettingsFromEnv } from './s3-media-store';

let store: MediaStore | null = null;

/** The store this deployment uses: MEDIA_STORE=s3 for an S3-compatible one, PostgreSQL otherwise. */
export function currentMediaStore(): MediaStore {
  store ??= process.env.MEDIA_STORE === 's3' ? s3MediaStore(s3SettingsFromEnv()) : postgresMediaStore;
  return store;
}
