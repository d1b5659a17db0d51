import type { EntityForm, EntityKind, Field } from '../model/entity.js';
import { CompactEntity } from '../model/indexed.js';

/**
 * The fields (canonical names, as fieldFor gives them) that workspace-wide facts read of every
 * entity: whether an initiative or an objective is active (status), the periods and priorities
 * focus-limit and allocation group objectives by, the effort an objective receives, the owners
 * owner-load groups initiatives by and prd-link compares, the parents of objectives. An entity
 * restored from the lint cache holds them decoded (parseCodec), and the others only once read.
 */
export const AT_HAND: ReadonlySet<string> = new Set(['status', 'period', 'priority', 'effort', 'owner', 'parent']);

/** Where a restored entity's other fields come from (parseCodec's, one per file). */
export interface RestoredFields {
  /** Entity `i`'s fields, in order: those at hand at their `places` among them, the others decoded. */
  fieldsOf(i: number, atHand: readonly Field[], places: readonly number[]): Field[];
}

/**
 * An entity restored from the lint cache for a run that re-checks a few files of a whole workspace:
 * the same as the entity its file's parse made, except that its fields are decoded when first read
 * (`fields`), and that until then fieldScalar reads the fields AT_HAND without them (fieldsAtHand).
 * A run where one file changed so reads the fields of a few thousand entities, not of all.
 * A CompactEntity like those of the index (ranges as numbers, one shape for all): the decoder
 * (parseCodec) sets its other properties as it reads them, with no object made in between.
 *
 * `fields` is an accessor on the prototype, not a property of each entity: JSON.stringify and spreads
 * do not see it (read it by name).
 */
export class RestoredEntity extends CompactEntity {
  #fields: Field[] | undefined = undefined;
  #atHand: readonly Field[] | undefined;
  #places: readonly number[] | undefined;
  #source: RestoredFields | undefined;
  /** The entity's place in its file (the source's index). */
  #index: number;

  /** `atHand`: the fields AT_HAND, at their `places` among all the entity's fields; the others come from `source`. */
  constructor(kind: EntityKind, form: EntityForm, file: string, id: string, atHand: readonly Field[], places: readonly number[], source: RestoredFields, index: number) {
    super(kind, form, file, id);
    this.#atHand = atHand;
    this.#places = places;
    this.#source = source;
    this.#index = index;
  }

  get fields(): Field[] {
    if (!this.#fields) this.fields = this.#source!.fieldsOf(this.#index, this.#atHand!, this.#places!);
    return this.#fields!;
  }

  set fields(fields: Field[]) {
    this.#fields = fields;
    this.#atHand = undefined;
    this.#places = undefined;
    this.#source = undefined;
  }

  /**
   * The fields written for `field` (a canonical name), in order, while the others are not decoded:
   * those at hand hold every field fieldFor maps to a name AT_HAND. Undefined for another name, or
   * once `fields` was read (then read it).
   */
  fieldsAtHand(field: string): readonly Field[] | undefined {
    return this.#atHand && AT_HAND.has(field) ? this.#atHand : undefined;
  }
}
