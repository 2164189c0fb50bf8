/**
 * The Field schema XML that creates a declared field (SharePoint's `createFieldAsXml`).
 */
import type { FieldSchema } from './schema';
import { typeAsStringOf } from './plan';

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/**
 * The Field schema XML that creates a declared field (`createFieldAsXml`): `Name`/`StaticName` fix
 * the internal name, `DisplayName` the title, whatever characters the title has.
 */
export function fieldSchemaXml(f: FieldSchema, lookupListId?: string): string {
  const attrs: [string, string][] = [
    ['Type', typeAsStringOf(f)],
    ['Name', f.internalName],
    ['StaticName', f.internalName],
    ['DisplayName', f.title]
  ];
  if (f.description) attrs.push(['Description', f.description]);
  attrs.push(['Required', f.required ? 'TRUE' : 'FALSE']);
  const indexed = !!(f.indexed || f.unique);
  if (indexed) attrs.push(['Indexed', 'TRUE']);
  if (f.unique) attrs.push(['EnforceUniqueValues', 'TRUE']);
  switch (f.type) {
    case 'Text':
      attrs.push(['MaxLength', String(f.maxLength ?? 255)]);
      break;
    case 'Note':
      attrs.push(['NumLines', '6'], ['RichText', 'FALSE'], ['UnlimitedLengthInDocumentLibrary', 'TRUE']);
      break;
    case 'DateTime':
      attrs.push(['Format', f.dateOnly ? 'DateOnly' : 'DateTime']);
      break;
    case 'Choice':
      attrs.push(['Format', 'Dropdown']);
      break;
    case 'User':
      attrs.push(['UserSelectionMode', f.allowGroups ? 'PeopleAndGroups' : 'PeopleOnly']);
      if (f.multiple) attrs.push(['Mult', 'TRUE']);
      break;
    case 'Lookup':
      attrs.push(['List', `{${lookupListId || ''}}`], ['ShowField', f.lookupField || 'Title']);
      if (f.multiple) attrs.push(['Mult', 'TRUE']);
      break;
    default:
      break;
  }
  const open = `<Field ${attrs.map(([k, v]) => `${k}="${xmlEscape(v)}"`).join(' ')}`;
  if (f.choices && f.choices.length) {
    return `${open}><CHOICES>${f.choices.map(c => `<CHOICE>${xmlEscape(c)}</CHOICE>`).join('')}</CHOICES></Field>`;
  }
  return `${open} />`;
}
