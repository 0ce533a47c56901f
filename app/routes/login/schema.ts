import { z } from "zod";

export const loginSchema = z.object({
  email: z
    .string({ error: "Vul uw e-mailadres in." })
    .trim()
    .min(1, "Vul uw e-mailadres in.")
    .max(254, "Dit e-mailadres is te lang.")
    .pipe(z.email("Vul een geldig e-mailadres in, bijvoorbeeld naam@organisatie.nl.")),
  password: z.string({ error: "Vul uw wachtwoord in." }).min(1, "Vul uw wachtwoord in.").max(1024, "Dit wachtwoord is te lang."),
  next: z.string().optional(),
});
