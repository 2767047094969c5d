import fc from 'fast-check';
import { decodeEntities, mastodonHtmlToText } from '../mastodon-html-to-text';

describe('mastodonHtmlToText', () => {
  it('separates paragraphs by a blank line and turns <br> into a newline', () => {
    expect(mastodonHtmlToText('<p>Bonjour,</p><p>ligne 1<br>ligne 2<br />ligne 3</p>')).toBe(
      'Bonjour,\n\nligne 1\nligne 2\nligne 3',
    );
  });

  it("gives a link's URL whole, though Mastodon shortens it for display", () => {
    const html =
      '<p>Voir <a href="https://www.example.fr/a/very/long/path" rel="nofollow noopener"><span class="invisible">https://www.</span><span class="ellipsis">example.fr/a/very/lo</span><span class="invisible">ng/path</span></a> merci</p>';
    expect(mastodonHtmlToText(html)).toBe('Voir https://www.example.fr/a/very/long/path merci');
  });

  it('renders mentions and hashtags as their text', () => {
    const html =
      '<p><span class="h-card" translate="no"><a href="https://m.s/@ville" class="u-url mention">@<span>ville</span></a></span> <a href="https://m.s/tags/voirie" class="mention hashtag" rel="tag">#<span>voirie</span></a></p>';
    expect(mastodonHtmlToText(html)).toBe('@ville #voirie');
  });

  it('decodes named, decimal and hex entities exactly once', () => {
    expect(
      mastodonHtmlToText(
        '<p>l&#39;école &amp; la mairie&nbsp;! &quot;ok&quot; &apos;x&apos; &#x2014; &eacute;</p>',
      ),
    ).toBe("l'école & la mairie\u00a0! \"ok\" 'x' — &eacute;");
    expect(mastodonHtmlToText('&amp;lt;b&amp;gt;')).toBe('&lt;b&gt;');
    expect(decodeEntities('&#0;&#xD800;&#x110000;')).toBe('\ufffd\ufffd\ufffd');
  });

  it('collapses source whitespace like a browser and trims the result', () => {
    expect(mastodonHtmlToText('  <p>  un\n  deux\t trois  </p>\n<p>quatre</p>  ')).toBe(
      'un deux trois\n\nquatre',
    );
  });

  it('puts list items and quotes from remote servers on their own lines', () => {
    expect(
      mastodonHtmlToText(
        '<p>Problèmes :</p><ul><li>un</li><li>deux</li></ul><blockquote><p>cité</p></blockquote>',
      ),
    ).toBe('Problèmes :\n\nun\ndeux\n\ncité');
  });

  it('returns an empty string for empty or tag-only content', () => {
    expect(mastodonHtmlToText('')).toBe('');
    expect(mastodonHtmlToText('<p></p><br>')).toBe('');
  });

  describe('hostile input', () => {
    it('drops scripts and styles with their content', () => {
      expect(mastodonHtmlToText('<p>Bonjour<script>alert("x")</script></p><style>p{}</style>')).toBe(
        'Bonjour',
      );
      expect(mastodonHtmlToText('<SCRIPT type="text/javascript">document.cookie</SCRIPT >fin')).toBe('fin');
      expect(mastodonHtmlToText('<script>var s = "<p>not a tag</p>";</script>ok')).toBe('ok');
      expect(mastodonHtmlToText('avant<script>jamais fermé <p>x</p>')).toBe('avant');
    });

    it('strips event-handler tags, keeping no attribute text', () => {
      expect(mastodonHtmlToText('<img src=x onerror="alert(1)">Salut<svg onload=alert(1)></svg>')).toBe(
        'Salut',
      );
      expect(mastodonHtmlToText('<a href="javascript:alert(1)" title="a>b">clic</a>')).toBe('clic');
    });

    it('copes with nested, unclosed and unbalanced tags', () => {
      expect(mastodonHtmlToText('<p>a<b>b<i>c</p>d')).toBe('abc\n\nd');
      expect(mastodonHtmlToText('</span></a></p>texte<p>')).toBe('texte');
      expect(mastodonHtmlToText('<p>Bonjour <a href="https://x')).toBe('Bonjour');
      expect(mastodonHtmlToText('<span class="invisible">caché<span>encore</span></span>visible')).toBe(
        'visible',
      );
      expect(mastodonHtmlToText('<span class="ellipsis">coupé')).toBe('coupé…');
    });

    it('turns escaped markup into literal text, never into a tag', () => {
      expect(mastodonHtmlToText('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>')).toBe(
        '<script>alert(1)</script>',
      );
      expect(mastodonHtmlToText('&#60;img src=x onerror=alert(1)&#x3e;')).toBe(
        '<img src=x onerror=alert(1)>',
      );
    });

    it('does not let removed tags stitch a stray < into a tag', () => {
      expect(mastodonHtmlToText('<<script>script>alert(1)<</script>/script>')).toBe('/script>');
      expect(mastodonHtmlToText('<<b></b>script>x')).toBe('script>x');
      expect(mastodonHtmlToText('a < b et <3')).toBe('a < b et <3');
      expect(mastodonHtmlToText('<!-- <p>commentaire</p> -->visible<!-- jamais fermé')).toBe('visible');
    });

    it('never outputs a tag when the input holds no entity (property)', () => {
      const unit = fc.constantFrom(
        '<',
        '>',
        '/',
        '!',
        '?',
        '-',
        '=',
        '"',
        "'",
        ' ',
        '\n',
        'p',
        'b',
        'r',
        's',
        'a',
        'c',
        'x',
      );
      fc.assert(
        fc.property(fc.string({ unit, maxLength: 60 }), (html) => {
          expect(mastodonHtmlToText(html)).not.toMatch(/<[a-zA-Z/!?]/);
        }),
        { numRuns: 2000 },
      );
    });

    it('stays linear on thousands of unmatched end tags', () => {
      const html = '<b>'.repeat(20000) + '</i>'.repeat(20000) + 'fin';
      const start = Date.now();
      expect(mastodonHtmlToText(html)).toBe('fin');
      expect(Date.now() - start).toBeLessThan(2000);
    });
  });
});
