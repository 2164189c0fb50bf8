/**
 * The person selected in Find an expert, shared with the Employee profile web part on the same page.
 *
 * In SharePoint this is SPFx dynamic data ("Connect SharePoint Framework components using dynamic
 * data", https://learn.microsoft.com/en-us/sharepoint/dev/spfx/dynamic-data): the Find an expert
 * web part is a dynamic data source (`dynamicDataSourceManager.initializeSource(this)`, then
 * `getPropertyDefinitions`, `getPropertyValue`, and `notifyPropertyChanged` on each selection),
 * and the Employee profile web part has a DynamicProperty (`selectedPerson`, configured with
 * PropertyPaneDynamicFieldSet / PropertyPaneDynamicField) that it reads with `tryGetValue()`.
 * The shells stay thin: what they share lives here. The workbench, which has no SPFx page, emulates
 * the source with `createPersonBus` (an in-page event bus).
 */

/** The source's one property id. */
export const SELECTED_PERSON = 'selectedPerson';

/** The value published: the person's UPN. */
export interface SelectedPerson {
  upn: string;
}

/** What SPFx asks a source for (IDynamicDataPropertyDefinition). */
export interface PersonPropertyDefinition {
  id: string;
  title: string;
}

/**
 * The source side: keeps the selection and tells SPFx when it changes (`notify` is
 * `id => this.context.dynamicDataSourceManager.notifyPropertyChanged(id)`).
 */
export class PersonSelectionSource {
  private current: SelectedPerson | undefined;

  public constructor(private readonly notify: (propertyId: string) => void) {}

  /**
   * Selects a person and notifies, even when it is the same person again (the profile may have
   * moved on to a manager meanwhile); a blank UPN notifies nothing.
   */
  public select(upn: string): void {
    const clean = (upn || '').trim();
    if (!clean) return;
    this.current = { upn: clean };
    this.notify(SELECTED_PERSON);
  }

  public get selected(): SelectedPerson | undefined {
    return this.current;
  }

  public getPropertyDefinitions(title: string): ReadonlyArray<PersonPropertyDefinition> {
    return [{ id: SELECTED_PERSON, title }];
  }

  /** The value of a property; SPFx only asks for the ids it was given. */
  public getPropertyValue(propertyId: string): SelectedPerson | undefined {
    if (propertyId !== SELECTED_PERSON) throw new Error(`Unknown dynamic data property '${propertyId}'.`);
    return this.current;
  }
}

/** A UPN from a connected value (the object published, or a plain string from another source). */
export function personFromDynamicValue(value: unknown): string | null {
  const raw = typeof value === 'string' ? value : value && typeof value === 'object' ? (value as { upn?: unknown }).upn : undefined;
  const v = typeof raw === 'string' ? raw.trim() : '';
  return v === '' || v.length > 256 ? null : v;
}

/**
 * The person the Employee profile shows: the connected selection when there is one; otherwise the
 * page's `?person=`, the Teams sub-page id, the web part's property; null = the signed-in user.
 */
export function personToShow(sources: { connected?: unknown; url?: string | null; teams?: string | null; property?: string | null }): string | null {
  const connected = personFromDynamicValue(sources.connected);
  if (connected) return connected;
  for (const v of [sources.url, sources.teams, sources.property]) {
    const clean = (v || '').trim();
    if (clean) return clean;
  }
  return null;
}

/** The workbench's stand-in for a dynamic data source: an in-page publish/subscribe of the selection. */
export interface PersonBus {
  publish(upn: string): void;
  /** Calls `listener` on every later selection; returns the unsubscribe function. */
  subscribe(listener: (person: SelectedPerson) => void): () => void;
  readonly current: SelectedPerson | undefined;
}

export function createPersonBus(): PersonBus {
  const listeners = new Set<(person: SelectedPerson) => void>();
  const source = new PersonSelectionSource(() => {
    const person = source.selected as SelectedPerson;
    listeners.forEach(l => l(person));
  });
  return {
    publish: upn => source.select(upn),
    subscribe(listener) {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
    get current() {
      return source.selected;
    }
  };
}
