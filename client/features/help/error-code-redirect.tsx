import { Navigate, useParams } from "@solidjs/router";
import { errorCatalog, isErrorCode } from "../../../shared/errors.ts";

/**
 * /help/code/<code>: every error links here (client/ui/error-explanation.tsx), and support
 * staff can read the address out on the phone. The catalog says which guide resolves the code;
 * a code this version does not know opens the general "something shows an error code" guide.
 */
export default function ErrorCodeRedirect() {
  const params = useParams();
  const guide = () => {
    const code = params.code?.toUpperCase();
    return isErrorCode(code) ? errorCatalog[code].guide : "error-code";
  };
  return <Navigate href={`/help/${guide()}`} />;
}
