// A CommonJS TypeScript consumer (`require`, as Node 20.19+ and 22.12+ load the ES module).
import cloudflare = require("cloudflare-organizations");

export async function names(): Promise<string[]> {
  const cf = new cloudflare.Cloudflare({ apiToken: "token" });
  try {
    const all: cloudflare.Organization[] = await cf.organizations.listAll();
    return all.map((org) => org.name);
  } catch (error) {
    if (error instanceof cloudflare.NotFoundError) return [];
    throw error;
  }
}
