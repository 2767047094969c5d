import { SseParser } from '../mastodon-stream.client';

describe('SseParser', () => {
  it('reads events split anywhere across chunks, skipping heartbeats and comments', () => {
    const parser = new SseParser();
    const stream =
      ':)\n:thump\nevent: notification\ndata: {"id":"1"}\n\n:thump\nevent: update\ndata: {"id":"2"}\n\n';
    const events = [];
    for (let i = 0; i < stream.length; i += 7) events.push(...parser.push(stream.slice(i, i + 7)));
    expect(events).toEqual([
      { event: 'notification', data: '{"id":"1"}' },
      { event: 'update', data: '{"id":"2"}' },
    ]);
  });

  it('joins several data lines, accepts CRLF and fields without a space', () => {
    const parser = new SseParser();
    expect(parser.push('event:notification\r\ndata:{"a":\r\ndata: 1}\r\n\r\n')).toEqual([
      { event: 'notification', data: '{"a":\n1}' },
    ]);
  });

  it('yields nothing for an event without data, and resets the event name after each event', () => {
    const parser = new SseParser();
    expect(parser.push('event: delete\n\ndata: x\n\n')).toEqual([{ event: 'message', data: 'x' }]);
  });
});
