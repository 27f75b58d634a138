import type { Obj } from './format';

/** A Table column, as meta.k8s.io/v1 TableColumnDefinition. */
export interface Column {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format: string;
  description: string;
  /** 0: always shown; 1: only with `-o wide`. */
  priority: number;
}

/** A kind's printer: its columns and one row's cells, in column order. */
export interface Printer {
  columns: Column[];
  cells(o: Obj, now: Date): unknown[];
}

export type ColSpec = readonly [name: string, type?: Column['type'], priority?: number, description?: string, format?: string];

/** Columns from short specs: [name, type = string, priority = 0, description, format]. */
export function cols(...specs: ColSpec[]): Column[] {
  return specs.map(([name, type = 'string', priority = 0, description = '', format = '']) => ({
    name, type, format: format || (name === 'Name' ? 'name' : ''), description: description || DESCRIPTIONS[name] || name, priority,
  }));
}

const DESCRIPTIONS: Record<string, string> = {
  Name: 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to '
    + 'request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration '
    + 'definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
  Age: 'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in '
    + 'happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.',
  Containers: 'Names of each container in the template.',
  Images: 'Images referenced by each container in the template.',
  Selector: 'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.',
};
