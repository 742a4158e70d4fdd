/** The body Kafka Connect's REST API returns for every error. */
export interface RestErrorBody {
  readonly error_code: number;
  readonly message: string;
}

export function restError(status: number, message: string): RestErrorBody {
  return { error_code: status, message };
}
