import 'server-only';
import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { MediaStore } from './media-store';

export type S3Settings = { endpoint?: string; region: string; bucket: string; accessKeyId: string; secretAccessKey: string; forcePathStyle: boolean };

/** The settings of an S3-compatible store, from the environment (README, "The clinic's own media"). */
export function s3SettingsFromEnv(env: NodeJS.ProcessEnv = process.env): S3Settings {
  const required = (name: string) => {
    const value = env[name];
    if (!value) throw new Error(`MEDIA_STORE=s3 needs ${name}`);
    return value;
  };
  return {
    endpoint: env.S3_ENDPOINT || undefined,
    region: env.S3_REGION || 'us-east-1',
    bucket: required('S3_BUCKET'),
    accessKeyId: required('S3_ACCESS_KEY_ID'),
    secretAccessKey: required('S3_SECRET_ACCESS_KEY'),
    forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
  };
}

/** An S3-compatible object store (AWS S3, MinIO, Ceph, R2...). Uploads stream in parts; reads ask for ranges. */
export function s3MediaStore(settings: S3Settings): MediaStore {
  const client = new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
  });
  return {
    async put(key, chunks) {
      let size = 0;
      const counted = Readable.from(
        (async function* () {
          for await (const chunk of chunks) {
            size += chunk.length;
            yield chunk;
          }
        })(),
      );
      await new Upload({ client, params: { Bucket: settings.bucket, Key: key, Body: counted }, queueSize: 1, partSize: 5 * 1024 * 1024 }).done();
      return size;
    },
    async *read(key, range) {
      const answer = await client.send(new GetObjectCommand({ Bucket: settings.bucket, Key: key, Range: `bytes=${range.start}-${range.end}` }));
      const body = answer.Body as AsyncIterable<Uint8Array> | undefined;
      if (!body) return;
      for await (const chunk of body) yield chunk;
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket: settings.bucket, Key: key }));
    },
  };
}
