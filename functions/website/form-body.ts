/**
 * A posted form the browser could not have sent: a multipart body without its boundary or
 * its end, a broken encoding. The pages answer it 400 with a page, not the 500 of a fault.
 */
export class UnreadableForm extends Error {
  constructor(cause: unknown) {
    super('The posted form could not be read', { cause })
    this.name = 'UnreadableForm'
  }
}

/**
 * Reads a posted form through `read` (Hono's `parseBody`), turning a body that cannot be
 * parsed into an `UnreadableForm` for the pages' error handler.
 *
 * @example const form = await readForm(() => c.req.parseBody())
 */
export const readForm = async <T>(read: () => Promise<T>): Promise<T> => {
  try {
    return await read()
  } catch (error: unknown) {
    throw new UnreadableForm(error)
  }
}
