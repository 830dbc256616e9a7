// The directory (users, departments, customers) as the core returns it, with lookups by id.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { api, type Customer, type Department, type Directory, type User } from "../api";

type DirectoryValue = {
  directory: Directory;
  loaded: boolean;
  reload: () => Promise<void>;
  user: (id: string | null | undefined) => User | undefined;
  department: (id: string | null | undefined) => Department | undefined;
  customer: (id: string | null | undefined) => Customer | undefined;
};

const EMPTY: Directory = { users: [], departments: [], customers: [], customer_groups: [], catalog: [] };
const DirectoryContext = createContext<DirectoryValue | null>(null);

function byId<T extends { id: string }>(items: T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

export function DirectoryProvider({ children }: { children: ReactNode }) {
  const [directory, setDirectory] = useState<Directory>(EMPTY);
  const [loaded, setLoaded] = useState(false);

  const fetchDirectory = useCallback(
    () =>
      api.directory().then(
        (answer) => {
          setDirectory(answer);
          setLoaded(true);
        },
        (e: unknown) => {
          // Names then show as ids; the lists still work, so this is logged rather than blocking.
          console.error("orderly: directory", e);
          setLoaded(true);
        },
      ),
    [],
  );

  useEffect(() => {
    void fetchDirectory();
  }, [fetchDirectory]);

  const reload = fetchDirectory;

  const value = useMemo(() => {
    const users = byId(directory.users);
    const departments = byId(directory.departments);
    const customers = byId(directory.customers);
    return {
      directory,
      loaded,
      reload,
      user: (id: string | null | undefined) => (id ? users.get(id) : undefined),
      department: (id: string | null | undefined) => (id ? departments.get(id) : undefined),
      customer: (id: string | null | undefined) => (id ? customers.get(id) : undefined),
    };
  }, [directory, loaded, reload]);

  return <DirectoryContext.Provider value={value}>{children}</DirectoryContext.Provider>;
}

export function useDirectory(): DirectoryValue {
  const value = useContext(DirectoryContext);
  if (!value) throw new Error("useDirectory outside DirectoryProvider");
  return value;
}
