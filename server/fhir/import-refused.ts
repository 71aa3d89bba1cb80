/** The file is FHIR, but importing it would be wrong (two people merged, an account misused). */
export class ImportRefusedError extends Error {
  override name = "ImportRefusedError";
}
