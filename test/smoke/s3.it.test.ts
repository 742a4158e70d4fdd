import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { useService } from '../env/index.js';

describe('S3-compatible test service', () => {
  it('stores an object and returns the same bytes with @aws-sdk/client-s3', async () => {
    const info = await useService('s3');
    const client = new S3Client({
      endpoint: info.endpoint,
      region: info.region,
      forcePathStyle: info.forcePathStyle,
      credentials: { accessKeyId: info.accessKeyId, secretAccessKey: info.secretAccessKey },
    });
    const bucket = `smoke-${process.pid}-${Date.now()}`;
    const key = 'topics/orders/partition=0/orders+0+0000000000.json';
    const body = '{"id":1,"status":"shipped"}\n{"id":2,"status":"new"}\n';
    try {
      await client.send(new CreateBucketCommand({ Bucket: bucket }));
      const put = await client.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/json' }),
      );
      assert.equal(put.$metadata.httpStatusCode, 200);

      const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      assert.equal(await got.Body?.transformToString(), body);
      assert.equal(got.ContentType, 'application/json');
      assert.equal(got.ContentLength, Buffer.byteLength(body));

      const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'topics/orders/' }));
      assert.deepEqual(
        listed.Contents?.map((o) => o.Key),
        [key],
      );
    } finally {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key })).catch(() => undefined);
      await client.send(new DeleteBucketCommand({ Bucket: bucket })).catch(() => undefined);
      client.destroy();
    }
  });
});
