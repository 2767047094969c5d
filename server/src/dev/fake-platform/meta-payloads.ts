import type { MetaComment, MetaDirectMessage } from './meta-model';

const seconds = (ms: number) => Math.floor(ms / 1000);

/** A Page `feed` change for a new comment, as Meta documents the webhook. */
export function pageCommentDelivery(pageId: string, comment: MetaComment, permalink: string): unknown {
  return {
    object: 'page',
    entry: [
      {
        id: pageId,
        time: seconds(Date.now()),
        changes: [
          {
            field: 'feed',
            value: {
              from: { id: comment.from.id, name: comment.from.name ?? '' },
              post: {
                status_type: 'added_photos',
                is_published: true,
                updated_time: new Date(comment.createdTime).toISOString().replace('Z', '+0000'),
                permalink_url: permalink,
                promotion_status: 'inactive',
                id: comment.objectId,
              },
              message: comment.message,
              post_id: comment.objectId,
              comment_id: comment.id,
              created_time: seconds(comment.createdTime),
              item: 'comment',
              parent_id: comment.parentId ?? comment.objectId,
              verb: 'add',
            },
          },
        ],
      },
    ],
  };
}

/** An Instagram `comments` change (a comment on a media, or a reply with `parent_id`). */
export function instagramCommentDelivery(instagramId: string, comment: MetaComment): unknown {
  return {
    object: 'instagram',
    entry: [
      {
        id: instagramId,
        time: seconds(Date.now()),
        changes: [
          {
            field: 'comments',
            value: {
              from: { id: comment.from.id, username: comment.from.username ?? comment.from.name ?? '' },
              media: { id: comment.objectId, media_product_type: 'FEED' },
              id: comment.id,
              ...(comment.parentId ? { parent_id: comment.parentId } : {}),
              text: comment.message,
            },
          },
        ],
      },
    ],
  };
}

function messagingDelivery(object: 'page' | 'instagram', accountId: string, m: MetaDirectMessage): unknown {
  return {
    object,
    entry: [
      {
        id: accountId,
        time: Date.now(),
        messaging: [
          {
            sender: { id: m.from.id },
            recipient: { id: accountId },
            timestamp: m.createdTime,
            message: { mid: m.id, text: m.message },
          },
        ],
      },
    ],
  };
}

/** A Messenger message to the Page (timestamps in milliseconds). */
export const messengerDelivery = (pageId: string, m: MetaDirectMessage) =>
  messagingDelivery('page', pageId, m);

/** An Instagram direct message to the town's account. */
export const instagramMessageDelivery = (instagramId: string, m: MetaDirectMessage) =>
  messagingDelivery('instagram', instagramId, m);
