import { describe, expect, it } from 'vitest';
import { applicationState } from './application-view';

const of = (...s: string[]) => s.map((status) => ({ status: status as never }));

describe('applicationState (the seed\'s words, Pier\'s rule)', () => {
  it('No workload without workloads', () => expect(applicationState([])).toBe('No workload'));
  it('Stopped when every workload is stopped', () => expect(applicationState(of('Stopped', 'Stopped'))).toBe('Stopped'));
  it('Unready when one failed or is unknown, even while others roll out', () => {
    expect(applicationState(of('Running', 'Failed'))).toBe('Unready');
    expect(applicationState(of('Pending', 'Unknown'))).toBe('Unready');
  });
  it('Processing while one rolls out or is being removed', () => {
    expect(applicationState(of('Running', 'Pending'))).toBe('Processing');
    expect(applicationState(of('Removing', 'Stopped'))).toBe('Processing');
  });
  it('Running when every workload not stopped is running', () => {
    expect(applicationState(of('Running', 'Running'))).toBe('Running');
    expect(applicationState(of('Running', 'Stopped'))).toBe('Running');
  });
});
