import { etagOf, etagValue } from '../../services/sp/etag';
import { authorUpnOf, upnOfPerson } from '../../services/sp/identity';
import { EtagConflictError, withEtagRetry } from '../../services/sp/retry';

const conflict = (): Error => Object.assign(new Error('412'), { status: 412 });

describe('the SharePoint kit', () => {
  it('reads the ETag of minimal and verbose items, and nothing from an item without one', () => {
    expect(etagOf({ 'odata.etag': '"3"' })).toBe('"3"');
    expect(etagOf({ __metadata: { etag: 'W/"4"' } })).toBe('W/"4"');
    expect(etagOf({})).toBe('');
    expect(etagOf(null)).toBe('');
    expect(etagValue('W/"4"')).toBe('4');
  });

  it('takes the author from the login name claim, else the e-mail, lower-cased', () => {
    expect(authorUpnOf({ Author: { Name: 'i:0#.f|membership|Emilie.Tremblay@Example.com', EMail: 'other@example.com' } })).toBe('emilie.tremblay@example.com');
    expect(upnOfPerson({ EMail: 'Marc@Example.com' })).toBe('marc@example.com');
    expect(authorUpnOf({})).toBe('');
  });

  it('decides again from a fresh read after a conflict, and writes nothing when the change is already there', async () => {
    let version = 1;
    let value = 'a';
    const read = async (): Promise<{ version: number; value: string }> => ({ version, value });
    const writes: string[] = [];
    // Someone else writes 'b' between our read and our write.
    let raced = false;
    const result = await withEtagRetry(read, state => (state.value === 'b' ? null : async () => {
      if (!raced) {
        raced = true;
        value = 'b';
        version++;
        throw conflict();
      }
      writes.push('b');
      return state.version;
    }));
    expect(result.written).toBe(false);
    expect(result.state.value).toBe('b');
    expect(writes).toEqual([]);
    expect(version).toBe(2);
  });

  it('gives up with a conflict error after the retries, and lets other errors through at once', async () => {
    let reads = 0;
    await expect(withEtagRetry(async () => ++reads, () => async () => { throw conflict(); }, { retries: 2 })).rejects.toBeInstanceOf(EtagConflictError);
    expect(reads).toBe(3);
    reads = 0;
    await expect(withEtagRetry(async () => ++reads, () => async () => { throw Object.assign(new Error('403'), { status: 403 }); })).rejects.toMatchObject({ status: 403 });
    expect(reads).toBe(1);
  });
});
