/**
 * The selection plumbing between Find an expert (dynamic data source) and the Employee profile
 * (connected dynamic property), and the workbench's in-page bus that emulates it.
 */
import { createPersonBus, PersonSelectionSource, personFromDynamicValue, personToShow, SELECTED_PERSON } from '../../ui/profile/personSelection';

describe('PersonSelectionSource (the dynamic data source)', () => {
  it('defines one property and notifies SPFx on every selection, the same person again included', () => {
    const notified: string[] = [];
    const source = new PersonSelectionSource(id => notified.push(id));
    expect(source.getPropertyDefinitions('Selected person')).toEqual([{ id: SELECTED_PERSON, title: 'Selected person' }]);
    expect(source.getPropertyValue(SELECTED_PERSON)).toBeUndefined();
    source.select(' emilie.tremblay@northwind-retail.example ');
    expect(source.getPropertyValue(SELECTED_PERSON)).toEqual({ upn: 'emilie.tremblay@northwind-retail.example' });
    source.select('emilie.tremblay@northwind-retail.example');
    source.select('   ');
    expect(notified).toEqual([SELECTED_PERSON, SELECTED_PERSON]);
    expect(() => source.getPropertyValue('other')).toThrow(/other/);
  });
});

describe('personToShow (the profile web part)', () => {
  it('prefers the connected selection, then ?person=, the Teams sub-page, the property; else the signed-in user', () => {
    expect(personToShow({ connected: { upn: 'a@x' }, url: 'b@x', teams: 'c@x', property: 'd@x' })).toBe('a@x');
    expect(personToShow({ connected: undefined, url: 'b@x', teams: 'c@x', property: 'd@x' })).toBe('b@x');
    expect(personToShow({ url: ' ', teams: 'c@x', property: 'd@x' })).toBe('c@x');
    expect(personToShow({ property: 'd@x' })).toBe('d@x');
    expect(personToShow({})).toBeNull();
  });
  it('reads a connected value from the published object or a plain string, ignoring anything else', () => {
    expect(personFromDynamicValue({ upn: "catherine.o'neill@x" })).toBe("catherine.o'neill@x");
    expect(personFromDynamicValue('guest#EXT#@x')).toBe('guest#EXT#@x');
    expect(personFromDynamicValue({ upn: 42 })).toBeNull();
    expect(personFromDynamicValue(null)).toBeNull();
    expect(personFromDynamicValue('x'.repeat(300))).toBeNull();
  });
});

describe('createPersonBus (the workbench emulation)', () => {
  it('publishes to every subscriber until it unsubscribes, and keeps the current selection', () => {
    const bus = createPersonBus();
    const a: string[] = [];
    const b: string[] = [];
    const stopA = bus.subscribe(p => a.push(p.upn));
    bus.subscribe(p => b.push(p.upn));
    bus.publish('one@x');
    stopA();
    bus.publish('two@x');
    expect(a).toEqual(['one@x']);
    expect(b).toEqual(['one@x', 'two@x']);
    expect(bus.current).toEqual({ upn: 'two@x' });
  });
});
